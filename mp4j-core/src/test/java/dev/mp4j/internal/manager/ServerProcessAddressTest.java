package dev.mp4j.internal.manager;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** A manager server's address travels to and from its process as a string, and comes back as the same address. */
class ServerProcessAddressTest {

    private static SocketAddress roundTrip(SocketAddress a) {
        Object form = ServerProcess.addressForm(a);
        assertInstanceOf(String.class, form, "a plain string, not Java serialization");
        return ServerProcess.address(form);
    }

    @Test
    void unixAndTcpAddressesSurviveTheirStringForm() {
        var unix = UnixDomainSocketAddress.of(Path.of("/tmp/with:colon/mp4j-mgr.sock"));
        assertEquals(unix, roundTrip(unix));
        var v4 = new InetSocketAddress("127.0.0.1", 50_000);
        assertEquals(v4, roundTrip(v4));
        var v6 = new InetSocketAddress("::1", 50_001);
        assertEquals(v6, roundTrip(v6));
        var any = new InetSocketAddress(0);
        assertEquals(any.getPort(), ((InetSocketAddress) roundTrip(any)).getPort());
        assertTrue(((InetSocketAddress) roundTrip(any)).getAddress().isAnyLocalAddress());
        var named = InetSocketAddress.createUnresolved("localhost", 50_002);
        assertEquals("localhost", ((InetSocketAddress) roundTrip(named)).getHostString());
    }
}
