"""A few tasks, so that the demo does not open on an empty list."""

from django.db import migrations

SAMPLE = ["Book the venue", "Send the invitations", "Order the cake", "Write the toast"]


def add_sample_tasks(apps, schema_editor):
    Task = apps.get_model("tasks", "Task")
    for number, title in enumerate(SAMPLE):
        Task.objects.create(title=title, done=number == 0)


def remove_sample_tasks(apps, schema_editor):
    apps.get_model("tasks", "Task").objects.filter(title__in=SAMPLE).delete()


class Migration(migrations.Migration):
    dependencies = [("tasks", "0001_initial")]

    operations = [migrations.RunPython(add_sample_tasks, remove_sample_tasks)]
