"""Python's side of SyncBench.wakeLatency: a child blocked in Semaphore.acquire(), released 200 us after it slept."""
import multiprocessing as mp, time

def child(ping, pong, released_at, lat, n):
    for i in range(n):
        ping.acquire()
        lat[i] = time.perf_counter_ns() - released_at.value
        pong.release()

def wake_latency(n=2000):
    ping, pong = mp.Semaphore(0), mp.Semaphore(0)
    released_at = mp.Value('q', 0, lock=False)
    lat = mp.Array('q', n, lock=False)
    p = mp.Process(target=child, args=(ping, pong, released_at, lat, n)); p.start()
    for i in range(n):
        time.sleep(200e-6)
        released_at.value = time.perf_counter_ns()
        ping.release(); pong.acquire()
    p.join()
    l = sorted(lat)
    return l[n // 2] / 1e3, l[n * 9 // 10] / 1e3

if __name__ == '__main__':
    mp.set_start_method("fork", force=True)
    m, p90 = wake_latency()
    print(f"py wakeup_latency_median {m:.1f} us p90 {p90:.1f} us")
