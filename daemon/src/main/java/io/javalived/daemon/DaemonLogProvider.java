package io.javalived.daemon;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.Util;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * logback for SLF4J, named to SLF4J by the {@code slf4j.provider} property ({@link #select()}, at the process's
 * entry) instead of being found by the service loader, and configured by {@link LogSetup} directly instead of by
 * logback's auto-configuration. Both of those look for a service file in every jar of the class path: the jars'
 * classes come from the AOT cache, so the look-up opened all of them (some forty) on the daemon's start path, about
 * 30 ms before the first line could be logged. Otherwise what logback's own provider does: a logger context named
 * "default", logback's MDC adapter, SLF4J's basic markers; with {@code -Dlogback.configurationFile=FILE} logback's
 * own auto-configuration runs, as before.
 */
public final class DaemonLogProvider implements SLF4JServiceProvider {
    /** SLF4J's property naming its provider (SLF4J 2.0.9 and later). */
    static final String PROVIDER_PROPERTY = "slf4j.provider";
    /** The level of SLF4J's own reports; it reports a provider named by the property at INFO. */
    static final String VERBOSITY_PROPERTY = "slf4j.internal.verbosity";

    private LoggerContext context;
    private IMarkerFactory markers;
    private LogbackMDCAdapter mdc;

    /**
     * Names this provider to SLF4J, unless the command line named one; SLF4J's report that it loads a provider so
     * named (one INFO line on stderr at every start) is silenced unless the command line set SLF4J's verbosity.
     * Call before anything logs.
     */
    public static void select() {
        if (System.getProperty(PROVIDER_PROPERTY) == null) {
            System.setProperty(PROVIDER_PROPERTY, DaemonLogProvider.class.getName());
            if (System.getProperty(VERBOSITY_PROPERTY) == null) {
                System.setProperty(VERBOSITY_PROPERTY, "WARN");
            }
        }
    }

    @Override
    public void initialize() {
        context = new LoggerContext();
        context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        if (System.getProperty("logback.configurationFile") != null) {
            autoConfigure(context);
        } else {
            LogSetup setup = new LogSetup();
            setup.setContext(context);
            setup.configure(context);
        }
        context.start();
        markers = new BasicMarkerFactory();
        mdc = new LogbackMDCAdapter();
        context.setMDCAdapter(mdc);
    }

    /** logback's own configuration, as its provider runs it: a configuration file given by the property. */
    private static void autoConfigure(LoggerContext context) {
        try {
            try {
                new ContextInitializer(context).autoConfig();
            } catch (JoranException e) {
                Util.report("Failed to auto configure default logger context", e);
            }
            if (!StatusUtil.contextHasStatusListener(context)) {
                StatusPrinter.printInCaseOfErrorsOrWarnings(context);
            }
        } catch (Exception e) {
            Util.report("Failed to instantiate [" + LoggerContext.class.getName() + "]", e);
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
