package org.borderedge.device.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.ProfileLoader;
import org.borderedge.device.ProfileProblem;
import org.borderedge.device.ProfileRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Built-in profiles from this bundle, then the site's folders; a site profile with the same id wins. */
@Component(service = ProfileRegistry.class, configurationPid = ProfileRegistryComponent.PID)
@Designate(ocd = ProfileRegistryComponent.Config.class)
public class ProfileRegistryComponent implements ProfileRegistry {

    static final String PID = "org.borderedge.device.profiles";
    private static final Logger LOG = LoggerFactory.getLogger(ProfileRegistryComponent.class);

    @ObjectClassDefinition(name = "BorderEdge device profiles", description = "Where device profiles come from")
    public @interface Config {
        @AttributeDefinition(description = "Extra profile folders (laid out as <kind>/<vendor>-<model>.yaml)")
        String[] directories() default {};
    }

    private volatile Map<String, DeviceProfile> profiles = Map.of();
    private volatile List<ProfileProblem> problems = List.of();

    @Activate
    void activate(BundleContext context, Config config) {
        ProfileLoader loader = new ProfileLoader();
        List<DeviceProfile> loaded = new ArrayList<>();
        List<ProfileProblem> refused = new ArrayList<>();
        loadBuiltIn(context.getBundle(), loader, loaded, refused);
        for (String dir : config.directories()) {
            ProfileLoader.Result r = loader.loadDirectory(Path.of(dir));
            loaded.addAll(r.profiles());
            refused.addAll(r.problems());
        }
        Map<String, DeviceProfile> byId = new LinkedHashMap<>();
        loaded.forEach(p -> byId.put(p.id(), p));
        profiles = Map.copyOf(byId);
        problems = List.copyOf(refused);
        refused.forEach(p -> LOG.error("Device profile refused: {}", p));
        LOG.info("{} device profiles loaded, {} problems", byId.size(), refused.size());
    }

    private static void loadBuiltIn(Bundle bundle, ProfileLoader loader, List<DeviceProfile> loaded,
            List<ProfileProblem> refused) {
        Enumeration<URL> entries = bundle.findEntries("device-profiles", "*", true);
        if (entries == null) {
            return;
        }
        List<URL> sorted = new ArrayList<>();
        entries.asIterator().forEachRemaining(sorted::add);
        sorted.sort((a, b) -> a.getPath().compareTo(b.getPath()));
        for (URL url : sorted) {
            String rel = url.getPath().replaceFirst("^/?device-profiles/", "");
            if (!ProfileLoader.isProfileFile(rel) || rel.startsWith("schema/")) {
                continue;
            }
            try (InputStream in = url.openStream()) {
                loader.load(rel, in.readAllBytes(), "bundle:" + url.getPath(), loaded, refused);
            } catch (IOException e) {
                refused.add(new ProfileProblem(url.toString(), "$", "cannot read: " + e.getMessage()));
            }
        }
    }

    @Override
    public Optional<DeviceProfile> profile(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    @Override
    public Collection<DeviceProfile> profiles() {
        return profiles.values();
    }

    @Override
    public List<ProfileProblem> problems() {
        return problems;
    }
}
