package io.c360.serve.http;

/** An HTTP error answer: status and a message for the caller, sent as {"error": message}. */
final class ApiError extends RuntimeException {

    final int status;

    ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }
}
