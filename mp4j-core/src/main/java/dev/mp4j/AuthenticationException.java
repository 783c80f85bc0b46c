package dev.mp4j;

/** Python's {@code multiprocessing.AuthenticationError}: the HMAC challenge-response failed. */
public class AuthenticationException extends Mp4jException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) { super(message); }

    public AuthenticationException(String message, Throwable cause) { super(message, cause); }
}
