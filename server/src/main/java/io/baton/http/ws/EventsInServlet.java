package io.baton.http.ws;

import io.baton.events.EventPipeline;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;

/**
 * {@code /events/in} as a plain Jetty websocket servlet: Javalin's websocket adapter answers pings itself
 * and reads frames as fast as they come, while this endpoint must hold each pong until the events before it
 * are committed and must stop reading when the pipeline is full. The upgrade checks mirror the Javalin
 * sockets': a wrong basic-auth header is refused with 401, subprotocol {@code prefect} is echoed when offered.
 */
public final class EventsInServlet extends JettyWebSocketServlet {

    private final transient EventPipeline pipeline;
    private final transient PrefectSocket handshake;

    public EventsInServlet(EventPipeline pipeline, PrefectSocket handshake) {
        this.pipeline = pipeline;
        this.handshake = handshake;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if (!handshake.acceptsUpgrade(req.getHeader("Authorization"))) {
            resp.setStatus(401);
            resp.setContentType("application/json");
            resp.getWriter().write("{\"exception_message\":\"Unauthorized\"}");
            return;
        }
        super.service(req, resp);
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        factory.setIdleTimeout(PrefectSocket.IDLE_TIMEOUT);
        // Oversized events (over 1.5 MB) are dropped by validation; only far larger frames close the socket.
        factory.setMaxTextMessageSize(PrefectSocket.MAX_FRAME_BYTES);
        factory.setCreator((request, response) -> {
            boolean offered = request.getSubProtocols().contains(PrefectSocket.SUBPROTOCOL);
            if (offered) {
                response.setAcceptedSubProtocol(PrefectSocket.SUBPROTOCOL);
            }
            return new EventsInSocket(pipeline, handshake, offered);
        });
    }
}
