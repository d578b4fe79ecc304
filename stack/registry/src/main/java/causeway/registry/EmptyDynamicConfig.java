package causeway.registry;

import io.apicurio.common.apps.config.DynamicConfigPropertyList;
import java.util.ArrayList;
import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.inject.Produces;

/**
 * Apicurio's config-index build extension would produce this list of properties that may be
 * changed at run time; that extension is not on Maven Central in the version the app needs, so
 * the list is empty and every property keeps the value it starts with.
 */
@ApplicationScoped
public class EmptyDynamicConfig {
  @Produces
  @ApplicationScoped
  DynamicConfigPropertyList properties() {
    return new DynamicConfigPropertyList(new ArrayList<>());
  }
}
