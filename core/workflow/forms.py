"""The form that confirms a transition: a comment, required when the declaration says so, and
the state the person saw (hidden), which the engine compares with the state under its lock.

The leads' pages use it as it is; the coordinators' admin and the dossiers' pages subclass it
for their look (rows, help text) and their own fields (a dossier's granted amount).
"""

from typing import ClassVar

from django import forms
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy


class TransitionForm(forms.Form):
    """Confirm one transition: a comment and the state the person saw."""

    # The workflow's states: the hidden state must be one of them (None: any text, which the
    # engine then compares).
    states: ClassVar[type | None] = None
    comment_rows: ClassVar[int] = 4
    comment_help_text: ClassVar[str | Promise] = ""
    # The error shown when a required comment is missing (None: the usual "required").
    comment_required_message: ClassVar[str | Promise | None] = None

    comment = forms.CharField(
        label=pgettext_lazy("noun", "Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    expected_state = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, comment_required: bool = False, info=None, **kwargs):
        """``info`` (a `TransitionInfo`) or ``comment_required`` say whether to require a
        comment."""
        super().__init__(*args, **kwargs)
        if self.states is not None:
            self.fields["expected_state"] = forms.ChoiceField(
                choices=self.states.choices, widget=forms.HiddenInput
            )
        comment = self.fields["comment"]
        comment.widget.attrs["rows"] = self.comment_rows
        comment.help_text = self.comment_help_text
        comment.required = info.comment_required if info is not None else comment_required
        if self.comment_required_message is not None:
            comment.error_messages["required"] = self.comment_required_message
