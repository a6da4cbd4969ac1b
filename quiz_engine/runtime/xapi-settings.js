// Written by the build from mkdocs.yml's extra.xapi (build/xapi.py): null here, so nothing is sent.
export default null;
