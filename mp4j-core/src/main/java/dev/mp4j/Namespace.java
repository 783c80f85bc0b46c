package dev.mp4j;

import java.util.Map;

/**
 * Python's {@code Manager().Namespace()}: named attributes living in a {@link Manager}, visible to every
 * process holding this proxy. Python's {@code ns.x = 1} is {@code ns.set("x", 1)}, {@code ns.x} is
 * {@code ns.get("x")}, {@code del ns.x} is {@code ns.remove("x")}. Serializable: passed to another process it is
 * the same namespace. {@code toString()} is Python's repr, e.g. {@code Namespace(x=1, y=a)}.
 */
public interface Namespace {
    /** Sets attribute {@code name}. */
    void set(String name, Object value);

    /** The value of attribute {@code name}; none: {@link java.util.NoSuchElementException}. */
    <T> T get(String name);

    /** Deletes attribute {@code name}; none: {@link java.util.NoSuchElementException}. */
    void remove(String name);

    /** Whether attribute {@code name} is set (Python's {@code hasattr}). */
    boolean contains(String name);

    /** A copy of all attributes, in the order they were first set (Python's {@code vars(ns)}). */
    Map<String, Object> toMap();
}
