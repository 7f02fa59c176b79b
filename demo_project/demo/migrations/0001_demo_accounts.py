"""The two demo accounts of the login page (demo/accounts.py): ada and grace."""

from django.db import migrations

from demo.accounts import DEMO_ACCOUNTS, SUPERUSERS


def add_accounts(apps, schema_editor):
    User = apps.get_model("auth", "User")
    for username, password, _ in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        if username in SUPERUSERS:
            User.objects.create_superuser(username, f"{username}@example.com", password)
        else:
            User.objects.create_user(username, f"{username}@example.com", password)


def remove_accounts(apps, schema_editor):
    User = apps.get_model("auth", "User")
    User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS]).delete()


class Migration(migrations.Migration):
    # The user model as it is today (the demo uses Django's own User).
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(add_accounts, remove_accounts)]
