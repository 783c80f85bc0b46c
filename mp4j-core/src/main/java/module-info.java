/** mp4j: Python's {@code multiprocessing} for Java. Only {@code dev.mp4j} is public API. */
@SuppressWarnings("module") // the qualified exports name a module built after this one
module dev.mp4j {
    requires jdk.unsupported; // sun.misc.Signal: a child tells a SIGTERM apart from System.exit(143)
    exports dev.mp4j;
    // the cluster backend (mp4j-hazelcast) implements the backend SPI and runs pool tasks
    exports dev.mp4j.internal.backend to dev.mp4j.hazelcast;
    exports dev.mp4j.internal.pool to dev.mp4j.hazelcast;
    exports dev.mp4j.internal.codec to dev.mp4j.hazelcast;
    exports dev.mp4j.internal.sync to dev.mp4j.hazelcast;
}
