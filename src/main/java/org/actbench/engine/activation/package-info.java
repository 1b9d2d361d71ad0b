/**
 * The activation catalogue ({@link org.actbench.engine.activation.ActivationKind}) and one record
 * per activation, forward beside backward with the formula in its javadoc. May use ND4J only.
 */
package org.actbench.engine.activation;
