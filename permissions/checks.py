"""The permission layer's doors for pages and the API. They only wrap permissions.roles: the
rules themselves are stated there, once."""

from functools import wraps

from rest_framework.permissions import BasePermission

from permissions.roles import Capability, require


def capability_required(capability: Capability):
    """A page for holders of `capability`; anyone else gets the 403 page (ROLE-2)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require(request.user, capability)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class HasRequiredCapability(BasePermission):
    """API views name the capability each HTTP method needs in `required_capabilities`. It is
    checked before the request body is read, so a caller without it gets 403 rather than a
    list of field errors; the service checks again, with the record."""

    def has_permission(self, request, view) -> bool:
        capability = getattr(view, "required_capabilities", {}).get(request.method)
        if capability is not None:
            require(request.user, capability)
        return True
