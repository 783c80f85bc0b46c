package dev.mp4j.hazelcast.internal;

import com.hazelcast.map.EntryProcessor;

import java.io.Serial;
import java.io.Serializable;

/** A cluster object's handle: its cluster and its key in the state map. Serializable: it reconnects anywhere. */
abstract class Handle implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    final Conn conn;
    final String key;
    private transient volatile Site site;

    Handle(Conn conn, String key) {
        this.conn = conn;
        this.key = key;
    }

    final Site site() {
        Site s = site;
        if (s == null || !s.hz.getLifecycleService().isRunning()) site = s = Site.of(conn.instance());
        return s;
    }

    /** Runs an entry processor on this object's state, atomically. */
    @SuppressWarnings("unchecked")
    final <R> R exec(EntryProcessor<String, Object, ?> p) {
        try {
            return (R) site().sync.executeOnKey(key, p);
        } catch (RuntimeException e) {
            throw conn.translate(e);
        }
    }

    final Object state() {
        try {
            return site().sync.get(key);
        } catch (RuntimeException e) {
            throw conn.translate(e);
        }
    }

    final String shortId() {
        int i = key.indexOf(':');
        return key.substring(i + 1, Math.min(key.length(), i + 9));
    }

    /** An entry processor of the state map (serializable; runs on the entry's owner and its backups). */
    interface Ep extends EntryProcessor<String, Object, Object> {}
}
