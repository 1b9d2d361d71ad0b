/**
 * Optimisers (SGD with momentum, Adam) and learning-rate schedules, updating the parameters in
 * place with no allocation per step. May use ND4J.
 */
package org.actbench.engine.optim;
