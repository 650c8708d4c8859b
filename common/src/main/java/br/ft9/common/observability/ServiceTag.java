package br.ft9.common.observability;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Tags every metric with the service that made it, so that dashboards and alerts group by service whatever the
 * scraper's own labels are (Prometheus annotations, ServiceMonitors, a local scrape).
 */
@Singleton
public class ServiceTag {

    @Produces
    @Singleton
    MeterFilter serviceTag(@ConfigProperty(name = "quarkus.application.name") String service) {
        return MeterFilter.commonTags(java.util.List.of(Tag.of("service", service)));
    }
}
