package io.github.osslog.core.internal.objects;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The values of the {@code %host} and {@code %pid} tokens for this process. Stateless and thread-safe. */
public final class LocalIdentity {
    private LocalIdentity() {
    }

    /**
     * The host name: {@code HOSTNAME} or {@code COMPUTERNAME} from the environment when set (no DNS involved),
     * else the local host name, else {@code "unknown-host"}.
     */
    public static String hostName() {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.trim().isEmpty()) {
                return value.trim();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            return "unknown-host";
        }
    }

    /** This process's id. */
    public static String pid() {
        return Long.toString(ProcessHandle.current().pid());
    }
}
