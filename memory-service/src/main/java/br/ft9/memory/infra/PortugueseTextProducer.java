package br.ft9.memory.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import br.ft9.memory.domain.PortugueseText;

/**
 * How the service reads Portuguese: with the pt-BR Hunspell dictionary where it is installed (Debian's
 * {@code hunspell-pt-br}, which the local scripts install; the image must carry it too), else Snowball alone, said
 * once at start because answers are less often found without it.
 */
@ApplicationScoped
public class PortugueseTextProducer {

    private static final Logger LOG = Logger.getLogger(PortugueseTextProducer.class);

    @Produces
    @ApplicationScoped
    PortugueseText portuguese(@ConfigProperty(name = "ft9.knowledge.hunspell-dir", defaultValue = "/usr/share/hunspell") Path dir) {
        return load(dir);
    }

    /** The dictionary in {@code dir} (pt_BR.aff and pt_BR.dic), or Snowball alone when it is not there. */
    public static PortugueseText load(Path dir) {
        Path affix = dir.resolve("pt_BR.aff");
        Path words = dir.resolve("pt_BR.dic");
        if (!Files.isReadable(affix) || !Files.isReadable(words)) {
            LOG.warnf("no pt-BR Hunspell dictionary in %s (apt-get install hunspell-pt-br): Portuguese words are stemmed by"
                    + " Snowball alone", dir);
            return PortugueseText.withoutDictionary();
        }
        try (InputStream a = Files.newInputStream(affix); InputStream w = Files.newInputStream(words)) {
            long started = System.nanoTime();
            PortugueseText text = PortugueseText.withDictionary(a, w);
            LOG.infof("Portuguese stems from the pt-BR Hunspell dictionary in %s (read in %d ms)", dir,
                    (System.nanoTime() - started) / 1_000_000);
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("could not read the pt-BR Hunspell dictionary in " + dir, e);
        }
    }
}
