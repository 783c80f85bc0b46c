/** mp4j's cluster backend: mp4j's types on a Hazelcast cluster. Only {@code dev.mp4j.hazelcast} is public API. */
module dev.mp4j.hazelcast {
    requires transitive dev.mp4j;
    requires transitive com.hazelcast.core;
    exports dev.mp4j.hazelcast;
}
