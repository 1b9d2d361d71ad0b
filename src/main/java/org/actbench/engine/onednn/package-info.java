/**
 * The same layers through oneDNN directly ({@code --kernels onednn}): primitives created once per
 * binding, activations kept in the blocked layouts the primitives choose from the first convolution
 * to the flatten, activations fused into convolutions as post-ops. The only package that imports
 * {@code org.bytedeco.dnnl}; agreement with {@code engine.layer} is tested per layer.
 */
package org.actbench.engine.onednn;
