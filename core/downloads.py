from django.http import FileResponse


def protected_file_response(file, *, content_type: str, filename: str) -> FileResponse:
    """A stored document sent to someone allowed to read it (the page and the API): with the
    type its content was found to be, never interpreted by the browser as a page."""
    response = FileResponse(file.open("rb"), content_type=content_type, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
