/*
 * Fuzz target: a process definition. Definitions come from the tree, but the loader is
 * the gate in front of the engine, so it must refuse anything without crashing.
 */
#include "config.h"

#include <stdlib.h>

#include <libxml/parser.h>

#include "borikan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	char err[512];
	xmlDocPtr doc = NULL;

	if (!ready) {
		const char *dir = getenv("PROCESS_DIR");
		char rng[1024];

		snprintf(rng, sizeof(rng), "%s/process.rng", dir != NULL ? dir : PROCESS_DIR);
		xmlSetGenericErrorFunc(NULL, silent);
		if (bk_process_schema_load(rng) != BK_OK)
			abort();
		ready = true;
	}
	if (size > 1024 * 1024)
		return 0;
	if (bk_process_parse("fuzz.xml", (const char *)data, size, &doc, err, sizeof(err)) == BK_OK)
		xmlFreeDoc(doc);
	return 0;
}
