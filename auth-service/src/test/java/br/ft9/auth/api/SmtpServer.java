package br.ft9.auth.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;

/** A real SMTP server (GreenMail) on a free local port, standing in for the mail relay. */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {

    private static GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(port), "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        greenMail.stop();
    }

    /** The text of the mail received for this address, if any. */
    static Optional<String> mailTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> sentTo(m, address))
                .map(SmtpServer::text).findFirst();
    }

    /** The texts of every mail received for this address, in the order they came. */
    static java.util.List<String> mailsTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> sentTo(m, address)).map(SmtpServer::text).toList();
    }

    private static String text(Message message) {
        try {
            return message.getContent().toString();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sentTo(Message message, String address) {
        try {
            return Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().contains(address));
        } catch (MessagingException e) {
            return false;
        }
    }
}
