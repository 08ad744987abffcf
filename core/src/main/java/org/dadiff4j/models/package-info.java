/**
 * Networks as DJL blocks, grouped by family, and the role interfaces the pipeline talks to.
 */
package org.dadiff4j.models;
