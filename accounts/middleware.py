"""OPS-1, defence in depth: a court officer's page session exists only after the second
factor. The login page logs staff in only after their one-time code; any other way a session
could arise (a session from before the second factor, one forced by a test or a script, a
door overlooked) is ended here, before any view, the admin and the API's session login
included. django-otp's OTPMiddleware, placed before this one, says which authenticator
verified the session; resetting an officer's second factor deletes it, which ends the
officer's sessions too."""

from django.contrib.auth import logout

from accounts.services import second_factor_required


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and second_factor_required(user) and not user.is_verified():
            # Anonymous from here on: LoginRequiredMiddleware sends the officer to log in.
            logout(request)
        return self.get_response(request)
