from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class AccountBackend(ModelBackend):
    """Django's backend, reading the account with its organization in the same query: whether
    an SA or OU account can be used depends on the organization (ORG-8), and every request
    asks."""

    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.select_related("organization")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
