"""Errors as values with a stable code, answered as Tenantry's API answers them:
`{"error": {"code": ..., "message": ...}}`, so one client handles both services."""
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

STATUS = {
    "unauthorized": 401,
    "auth_unavailable": 503,
    "tenantry_unavailable": 502,
}


class ApiError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = STATUS[code]


def error_response(status: int, code: str, message: str) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'} if status == 401 else None
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status, error.code, error.message)
