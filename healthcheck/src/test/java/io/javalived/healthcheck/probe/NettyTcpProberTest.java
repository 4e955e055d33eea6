package io.javalived.healthcheck.probe;

/** TCP_CHECK on Netty ({@code -Djavalived.tcp_check=netty}): the shared contract. */
class NettyTcpProberTest extends TcpProberContract {
    @Override
    CheckerLoop.TcpTransport transport() {
        return CheckerLoop.TcpTransport.NETTY;
    }
}
