package br.ft9.tenant.domain;

/** The settings an organisation is opened with, after defaults are applied and rules checked. */
public record NewOrganization(String name, String slug, String timeZone, String locale) {
}
