/**
 * The library facade: {@link org.dadiff4j.api.Dadiff} (an upscaler built from {@link
 * org.dadiff4j.api.Settings} and model files, or the embedded models), progress ({@link
 * org.dadiff4j.api.UpscaleProgress}), cancellation ({@link org.dadiff4j.api.CancelToken}) and networks
 * loaded once for several instances ({@link org.dadiff4j.api.SharedModels}).
 * The command line, the server and the Spark job build their upscalers here.
 */
package org.dadiff4j.api;
