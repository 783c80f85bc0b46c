/**
 * The shared-memory substrate of mp4j: what locks, values, arrays, shared memory and the queues stand on.
 *
 * <ul>
 *   <li>{@link dev.mp4j.internal.shm.Segment}: an anonymous shared segment ({@code Segment.create(size)},
 *       {@code memory()}, {@code size()}, {@code id()}); unlinked at birth, attached in other processes through a
 *       live holder's {@code /proc/<pid>/fd/<fd>} when deserialized; the kernel frees it with its last holder, kill
 *       -9 included. Keep the Segment object reachable while you use its memory.</li>
 *   <li>{@link dev.mp4j.internal.shm.Cells}: small 64-byte-aligned blocks ({@code allocate(size)} up to
 *       {@code MAX_CELL}) carved from shared slabs, without a system call.</li>
 *   <li>{@link dev.mp4j.internal.shm.Futex}: the one wait/wake primitive: {@code await(memory, offset, expected,
 *       timeoutNanos)} (false only when the whole timeout elapsed; may return early, so loop) and
 *       {@code wake(memory, offset, count)} (change the word first). Linux futex through FFM when native access is
 *       enabled, a silent portable poll otherwise.</li>
 *   <li>{@link dev.mp4j.internal.shm.Mem}: VarHandles with {@code (MemorySegment, long offset)} coordinates; each
 *       access names its memory ordering and says why.</li>
 *   <li>{@link dev.mp4j.internal.shm.SharedFile} and {@link dev.mp4j.internal.shm.Janitor}: named, tracked files
 *       for SharedMemory and ShareableList; removed once no live process uses them.</li>
 *   <li>{@link dev.mp4j.internal.shm.ProcessIdentity}: pid + start time, robust to pid reuse.</li>
 * </ul>
 */
package dev.mp4j.internal.shm;
