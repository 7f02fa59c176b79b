from __future__ import annotations

from django import forms

from tasks.models import Task


class TaskForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Task
        fields = ["title"]
        widgets = {
            "title": forms.TextInput(
                attrs={"placeholder": "What needs doing?", "autocomplete": "off"}
            )
        }
        error_messages = {"title": {"required": "A task needs a title."}}

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"].strip()
        others = Task.objects.filter(title__iexact=title, done=False)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                "There is already an open task with this title."
            )
        return title
