package org.borderedge.runtime.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SCR, ConfigAdmin and the HTTP whiteboard report failures (a component that cannot activate, a
 * servlet that cannot register) only to the OSGi log service; without this they would be silent.
 */
@Component(immediate = true)
public class OsgiLogForwarder implements LogListener {

    @Reference
    private LogReaderService logReader;

    @Activate
    void activate() {
        logReader.addLogListener(this);
    }

    @Deactivate
    void deactivate() {
        logReader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        if (entry.getLogLevel().implies(LogLevel.INFO) && entry.getLogLevel() != LogLevel.WARN
                && entry.getLogLevel() != LogLevel.ERROR) {
            return;
        }
        Logger log = LoggerFactory.getLogger("osgi." + (entry.getBundle() == null ? "framework" : entry.getBundle().getSymbolicName()));
        String message = entry.getMessage();
        if (entry.getLogLevel() == LogLevel.ERROR) {
            log.error(message, entry.getException());
        } else {
            log.warn(message, entry.getException());
        }
    }
}
