"""StreamField blocks of the editorial pages: the common ones and the mini-guides' ones."""
