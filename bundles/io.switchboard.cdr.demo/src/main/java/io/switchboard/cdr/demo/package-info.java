/**
 * Realistic synthetic call records, for a populated system at first start, for demos and for
 * benchmarks. Plain Java: usable inside and outside OSGi.
 */
package io.switchboard.cdr.demo;
