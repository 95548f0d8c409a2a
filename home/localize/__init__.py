"""Translation in the admin, around wagtail-localize: translations go through moderation.

wagtail-localize's translation editor publishes or nothing; the platform's translators are
editors who cannot publish. This package adds, without forking wagtail-localize:

- `services`: save what was typed in the translation editor as a draft revision (never on the
  live page), submit it to the moderation workflow, approve or request changes; what changed in
  the source since the last sync;
- `permissions`: who may translate, sync and moderate which object;
- `views` and `hooks`: the moderation endpoint, wagtail-localize's "Translate" and "Sync" views
  with those permissions, the review panel of the translation editor
  (`home/templates/wagtail_localize/admin/edit_translation.html`).
"""
