/**
 * Weight files: the PyTorch checkpoint reader (zip and legacy, allow-listed unpickling), safetensors, NumPy arrays, and strict loading into blocks.
 */
package org.dadiff4j.weights;
