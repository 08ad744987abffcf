/**
 * The local web app and HTTP API behind {@code dadiff serve}: a bounded job queue over the library
 * facade {@link org.dadiff4j.api.Dadiff}, served by Javalin, with the page (plain HTML, CSS and JS)
 * from the jar. {@link org.dadiff4j.web.WebServer} is the entry point; {@link org.dadiff4j.web.ServeConfig}
 * holds its limits.
 */
package org.dadiff4j.web;
