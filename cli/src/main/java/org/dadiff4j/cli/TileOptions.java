package org.dadiff4j.cli;

import org.dadiff4j.api.Settings;
import org.dadiff4j.pipeline.Defaults;
import org.dadiff4j.pipeline.UpscaleSettings;
import picocli.CommandLine.Option;

/** The tiling options of every command that samples ({@code upscale}, {@code eval run}, {@code bench}). */
final class TileOptions {

    @Option(names = "--tile", description = "Prior tile side in output pixels (default: the prior's tile).")
    int tile;

    @Option(names = "--tile-overlap", description = "Overlap of prior tiles in output pixels (default: the prior"
            + " config's tile_overlap, else a quarter of the tile).")
    int tileOverlap = -1;

    @Option(names = "--tile-batch", description = "Prior tiles per network call (default: " + Defaults.TILE_BATCH + ").")
    int tileBatch = Defaults.TILE_BATCH;

    @Option(names = "--guidance-tile", description = "Side of the tiles Gd and Gr run on beyond it, in output pixels;"
            + " 0 runs them on the whole image (default: " + Defaults.GUIDANCE_TILE + ").")
    int guidanceTile = Defaults.GUIDANCE_TILE;

    void applyTo(Settings.Builder s) {
        s.optTile(tile).optTileOverlap(tileOverlap).optTileBatch(tileBatch).optGuidanceTile(guidanceTile);
    }

    void applyTo(UpscaleSettings s) {
        s.tile = tile;
        s.tileOverlap = tileOverlap;
        s.tileBatch = tileBatch;
        s.guidanceTile = guidanceTile;
    }
}
