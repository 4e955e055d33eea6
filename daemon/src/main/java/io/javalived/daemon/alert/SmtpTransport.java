package io.javalived.daemon.alert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;

/**
 * keepalived 2.2.7's SMTP dialogue (core/smtp.c), written for javalived: connect within smtp_connect_timeout, then
 * {@code 220} greeting, {@code HELO name} 250, {@code MAIL FROM:<from>} 250, one {@code RCPT TO:<addr>} 250 per
 * notification_email, {@code DATA} 354, the message ({@link AlertMail#data}) and the dot line 250, {@code QUIT} 221.
 * Every reply is read to its last line (multi-line {@code 250-} replies) within the same timeout. A wrong code
 * ends the dialogue with QUIT, as keepalived does; the exception carries keepalived's log words.
 *
 * <p>Hand-written rather than Jakarta Mail (Angus): keepalived's mails are exactly this dialogue and these five
 * headers (HELO, not EHLO; no MIME or Message-ID headers), which a mail library would change; and neither Jakarta
 * Mail nor Angus Mail is in the project's package registry.
 */
public final class SmtpTransport implements MailTransport {
    private static final int MAX_REPLY = 1024; // keepalived's receive buffer
    private final Clock clock;

    public SmtpTransport() {
        this(Clock.systemDefaultZone());
    }

    SmtpTransport(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void send(SmtpSettings s, AlertMail mail) throws MailException {
        int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, s.timeout().toMillis()));
        InetSocketAddress to;
        try {
            to = new InetSocketAddress(java.net.InetAddress.getByName(s.host()), s.port());
        } catch (UnknownHostException e) {
            throw new MailException("SMTP connection ERROR to " + s.server() + ": unknown host.");
        }
        try (Socket socket = new Socket()) {
            try {
                socket.connect(to, timeout);
            } catch (SocketTimeoutException e) {
                throw new MailException("Timeout connecting SMTP server " + s.server() + ".");
            } catch (IOException e) {
                throw new MailException("SMTP connection ERROR to " + s.server() + " (" + e.getMessage() + ").");
            }
            socket.setSoTimeout(timeout);
            socket.setTcpNoDelay(true);
            new Dialogue(s, socket.getInputStream(), socket.getOutputStream()).run(mail, ZonedDateTime.now(clock));
        } catch (IOException e) {
            throw new MailException("Cannot send data to remote SMTP server " + s.server() + " (" + e.getMessage() + ").");
        }
    }

    /** One connection's commands and replies. */
    private static final class Dialogue {
        private final SmtpSettings s;
        private final InputStream in;
        private final OutputStream out;

        Dialogue(SmtpSettings s, InputStream in, OutputStream out) {
            this.s = s;
            this.in = in;
            this.out = out;
        }

        void run(AlertMail mail, ZonedDateTime now) throws MailException, IOException {
            expect("(E)SMTP", 220);
            step("HELO", "HELO " + s.heloName(), 250);
            step("MAIL", "MAIL FROM:<" + s.from() + ">", 250);
            for (String rcpt : s.to()) {
                step("RCPT", "RCPT TO:<" + rcpt + ">", 250);
            }
            step("DATA", "DATA", 354);
            step("BODY", mail.data(s, now) + ".", 250);
            write("QUIT");
            expect("QUIT", 221);
        }

        private void step(String name, String command, int code) throws MailException, IOException {
            write(command);
            expect(name, code);
        }

        private void write(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private void expect(String name, int code) throws MailException, IOException {
            int got = reply();
            if (got != code) {
                if (!name.equals("QUIT")) quit();
                throw new MailException("Error processing " + name + " cmd on SMTP server " + s.server()
                        + ". SMTP status code = " + got);
            }
        }

        private void quit() {
            try {
                write("QUIT");
                reply();
            } catch (IOException | MailException ignored) {
                // the mail already failed; this only closes politely
            }
        }

        /** The code of the reply's last line. */
        private int reply() throws MailException, IOException {
            while (true) {
                String line = line();
                if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                        || !Character.isDigit(line.charAt(2))) {
                    throw new MailException("Unreadable reply from remote SMTP server " + s.server() + ": '" + line + "'.");
                }
                if (line.length() > 3 && line.charAt(3) == '-') continue;
                return Integer.parseInt(line.substring(0, 3));
            }
        }

        private String line() throws MailException, IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int prev = -1;
            while (true) {
                int c;
                try {
                    c = in.read();
                } catch (SocketTimeoutException e) {
                    throw new MailException("Timeout reading data to remote SMTP server " + s.server() + ".");
                }
                if (c < 0) throw new MailException("Remote SMTP server " + s.server() + " has closed the connection.");
                if (c == '\n' && prev == '\r') {
                    byte[] bytes = b.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                }
                if (b.size() >= MAX_REPLY) {
                    throw new MailException("Received buffer from remote SMTP server " + s.server()
                            + " overflow our get read buffer length.");
                }
                b.write(c);
                prev = c;
            }
        }
    }
}
