#!/bin/sh
# Write C source holding the default templates (templates/*.tmpl), so a
# kind whose file is missing from templates_dir falls back to the default
# shipped with the program.  Usage: embed-templates.sh FILE... > out.c
set -e
echo '/* Generated from the default templates by src/mail/embed-templates.sh: do not edit. */'
echo '#include <stddef.h>'
echo '#include "template.h"'
echo ''
echo 'const struct template_builtin template_builtins[] = {'
for f in "$@"; do
	name=$(basename "$f" .tmpl)
	printf '\t{ "%s",\n' "$name"
	# Escape backslashes and quotes; each line becomes "...\n".
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t  "/' -e 's/$/\\n"/' "$f"
	printf '\t},\n'
done
echo '	{ NULL, NULL },'
echo '};'
