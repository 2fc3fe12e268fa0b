/**
 * Realistic synthetic call records, for a populated system at first start, for demos and for
 * benchmarks. Plain Java: usable inside and outside OSGi.
 */
@Version("1.0.0")
package io.switchboard.cdr.demo;

import org.osgi.annotation.versioning.Version;
