"""The funders' space beyond the dossier's page (`funding.dossiers.review`): what the page shows
of the review (`page`), the people of the review (`people`), the decision page (`decision`) and
their forms (`forms`)."""
