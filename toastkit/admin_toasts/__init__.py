"""Django's admin shows its own messages as toasts.

Add ``"toastkit.admin_toasts"`` to ``INSTALLED_APPS`` before
``"django.contrib.admin"`` (and before an admin theme): its
``admin/base_site.html`` extends the next one on the search path (the
theme's, or the admin's) and renders the ``messages`` block with
``{% toasts %}``. docs/reference.md, "Django's admin".
"""
