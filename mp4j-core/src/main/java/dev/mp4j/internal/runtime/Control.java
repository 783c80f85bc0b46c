package dev.mp4j.internal.runtime;

/**
 * How a parent and each child it launched talk. Parent to child: the child's stdin, a pipe that carries one
 * length-prefixed bootstrap frame and then stays open; its end-of-file tells the child at once that the parent
 * died, however it died (the kernel closes a dead process's pipes). Child to parent: a slot on the parent's
 * {@link StatusBoard}, written as the child ends. Both are cheap for a cold JVM, which matters for start-up time.
 */
final class Control {
    private Control() {}

    /** Environment variable: the path through which the child reaches its parent's status board. */
    static final String ENV_BOARD = "MP4J_BOARD";
    /** Environment variable: the child's slot on that board; its presence also marks an mp4j child. */
    static final String ENV_SLOT = "MP4J_SLOT";
    /** Environment variable: set for a WARM standby, which warms itself up while it waits for its work. */
    static final String ENV_STANDBY = "MP4J_STANDBY";
    /** Environment variable: set for an AOT-cache training run ("lean" or "full"), which exercises start-up and exits. */
    static final String ENV_TRAIN = "MP4J_TRAIN";
    /** Environment variable: application classes (comma-separated) a training run loads so its cache holds them. */
    static final String ENV_TRAIN_CODE = "MP4J_TRAIN_CODE";
}
