"""The pieces of the experiments API's representations: partners (all of them with their answer
for the experiment's people, the accepted ones for the public), members, budget lines and
milestones."""

from rest_framework import serializers

from projects.experiments.models import BudgetLine, ExperimentMember, ExperimentPartner, Milestone
from projects.network.api import OrganisationSummarySerializer


class PartnerSerializer(serializers.ModelSerializer):
    """A partner organisation and its role in the experiment."""

    id = serializers.IntegerField(source="organisation_id")
    name = serializers.CharField(source="organisation.name")

    class Meta:
        model = ExperimentPartner
        fields = ["id", "name", "role"]


class PartnerStatusSerializer(PartnerSerializer):
    """A named partner organisation with its answer to the invitation (members' view)."""

    class Meta(PartnerSerializer.Meta):
        fields = ["id", "name", "role", "status"]


class AcceptedPartnersField(serializers.ListField):
    """The partners that accepted the invitation: the only ones shown publicly."""

    child = PartnerSerializer()

    def __init__(self, **kwargs):
        super().__init__(source="partner_links", **kwargs)

    def to_representation(self, links):
        return super().to_representation([link for link in links.all() if link.is_accepted])


class MemberSerializer(serializers.ModelSerializer):
    """A person taking part (no e-mail address: members reach each other on the platform)."""

    name = serializers.CharField(source="user.get_full_name")
    organisation = OrganisationSummarySerializer(allow_null=True)

    class Meta:
        model = ExperimentMember
        fields = ["name", "role", "organisation"]


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["label", "nature", "amount", "in_kind"]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "done"]
