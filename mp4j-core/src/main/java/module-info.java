/** mp4j: Python's {@code multiprocessing} for Java. Only {@code dev.mp4j} is public API. */
module dev.mp4j {
    requires jdk.unsupported; // sun.misc.Signal: a child tells a SIGTERM apart from System.exit(143)
    exports dev.mp4j;
}
