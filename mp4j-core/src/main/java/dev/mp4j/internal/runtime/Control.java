package dev.mp4j.internal.runtime;

/**
 * The control channel between a parent and each child it launched: one Unix-domain socket connection that the
 * child opens at start-up. It carries the child's bootstrap (parent to child, one length-prefixed frame) and
 * how the child ended (child to parent, single bytes). Its end-of-stream is also how a child learns, at once,
 * that its parent died, however it died: the kernel closes a dead process's sockets.
 */
final class Control {
    private Control() {}

    /** Environment variable: path of the parent's per-launch socket. */
    static final String ENV_SOCKET = "MP4J_CONTROL";
    /** Environment variable: a random token the child sends first, so only the launched child is accepted. */
    static final String ENV_TOKEN = "MP4J_TOKEN";
    /** Environment variable: set for a WARM standby, which warms itself up while it waits for its work. */
    static final String ENV_STANDBY = "MP4J_STANDBY";

    /** Environment variable: set for an AOT-cache training run, which exercises start-up and exits. */
    static final String ENV_TRAIN = "MP4J_TRAIN";

    /** Child to parent: a shutdown hook ran, so the OS exit status is the one the program chose. */
    static final byte EXITING = 'X';
    /** Child to parent: followed by one byte, the signal number that is ending the child. */
    static final byte SIGNALLED = 'S';
}
