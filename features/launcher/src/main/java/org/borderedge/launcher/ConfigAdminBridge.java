package org.borderedge.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Writes configurations into ConfigurationAdmin from outside the framework. The CM API classes
 * belong to the ConfigAdmin bundle's class space, so they are reached by reflection through that
 * bundle instead of being put on the launcher's class path (which would need a second copy).
 */
final class ConfigAdminBridge {

    private final Object admin;
    private final Method getConfiguration;
    private final Method getFactoryConfiguration;
    private final Method update;

    private ConfigAdminBridge(Object admin, Class<?> adminType, Class<?> configurationType) throws NoSuchMethodException {
        this.admin = admin;
        this.getConfiguration = adminType.getMethod("getConfiguration", String.class, String.class);
        this.getFactoryConfiguration = adminType.getMethod("getFactoryConfiguration", String.class, String.class, String.class);
        this.update = configurationType.getMethod("update", Dictionary.class);
    }

    static ConfigAdminBridge await(BundleContext context, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            // getAll...: the launcher's class path may hold another copy of the CM API (tests), which
            // would make Felix hide the service as "not assignable" to the system bundle.
            ServiceReference<?>[] refs = context.getAllServiceReferences("org.osgi.service.cm.ConfigurationAdmin", null);
            if (refs != null && refs.length > 0) {
                ServiceReference<?> ref = refs[0];
                Object admin = context.getService(ref);
                Bundle provider = ref.getBundle();
                return new ConfigAdminBridge(admin,
                        provider.loadClass("org.osgi.service.cm.ConfigurationAdmin"),
                        provider.loadClass("org.osgi.service.cm.Configuration"));
            }
            if (System.currentTimeMillis() > deadline) {
                StringBuilder notActive = new StringBuilder();
                for (Bundle b : context.getBundles()) {
                    if (b.getState() != Bundle.ACTIVE && b.getHeaders().get("Fragment-Host") == null) {
                        notActive.append(' ').append(b.getSymbolicName()).append('=').append(Launcher.stateName(b.getState()));
                    }
                }
                throw new IllegalStateException("ConfigurationAdmin did not start within " + timeoutMs
                        + " ms; bundles not active:" + notActive);
            }
            Thread.sleep(20);
        }
    }

    /** A singleton configuration, or a factory configuration when the key is {@code factoryPid~name}. */
    void put(String key, Map<String, Object> properties) throws Exception {
        int tilde = key.indexOf('~');
        Object configuration = tilde < 0
                ? invoke(getConfiguration, admin, key, "?")
                : invoke(getFactoryConfiguration, admin, key.substring(0, tilde), key.substring(tilde + 1), "?");
        Hashtable<String, Object> dict = new Hashtable<>();
        properties.forEach((k, v) -> {
            if (v != null) {
                dict.put(k, v);
            }
        });
        invoke(update, configuration, dict);
    }

    private static Object invoke(Method m, Object target, Object... args) throws Exception {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }
}
