package dev.mp4j.internal.codec;

/**
 * The first byte of every encoded message. Fast-path values follow as little-endian fixed-width fields;
 * lengths and counts are 4-byte ints; strings are UTF-8 (UTF-16 when they hold surrogates, which UTF-8 could
 * mangle); collections are a count followed by their elements (maps: key, value, key, value...).
 * {@link #PORTABLE}: a kind byte, a field count and the fields ({@link Portable}; local input only).
 * {@link #SERIALIZED} is followed by whatever the {@link Serializer} wrote.
 */
final class Tags {
    private Tags() {}

    static final byte NULL = 0, FALSE = 1, TRUE = 2, BYTE = 3, SHORT = 4, CHAR = 5, INT = 6, LONG = 7,
        FLOAT = 8, DOUBLE = 9, STRING = 10, STRING16 = 11, BYTES = 12, SHORTS = 13, CHARS = 14, INTS = 15,
        LONGS = 16, FLOATS = 17, DOUBLES = 18, BOOLEANS = 19, ARRAY_LIST = 20, IMM_LIST = 21, HASH_MAP = 22,
        LINKED_MAP = 23, IMM_MAP = 24, PORTABLE = 25, SERIALIZED = 0x7F;
}
