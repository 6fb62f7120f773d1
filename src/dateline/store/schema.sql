-- The dateline store as first created: migration 1 (see migrations.py; docs/schema.md).
-- Offsets are named char_start/char_end (the contract's start/end; END is an SQL keyword).
-- Ids are content hashes, so writing the same analysis again replaces rows, never adds them.

CREATE TABLE schema_version (
    version INTEGER NOT NULL,
    applied_at TIMESTAMP NOT NULL,
    dateline_version VARCHAR NOT NULL,
    note VARCHAR
);

CREATE TABLE runs (
    id VARCHAR PRIMARY KEY,
    command VARCHAR NOT NULL,
    inputs VARCHAR[],
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status VARCHAR NOT NULL,
    dateline_version VARCHAR NOT NULL,
    settings JSON,
    settings_hash VARCHAR,
    articles_read INTEGER NOT NULL DEFAULT 0,
    articles_stored INTEGER NOT NULL DEFAULT 0,
    articles_skipped INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    run_id VARCHAR,
    ingested_at TIMESTAMP NOT NULL,
    title VARCHAR,
    published DATE,
    source VARCHAR,
    url VARCHAR,
    outlet VARCHAR,
    dateline STRUCT(
        place VARCHAR, country VARCHAR, date DATE, agency VARCHAR,
        char_start INTEGER, char_end INTEGER
    ),
    authors VARCHAR[],
    editors VARCHAR[],
    language VARCHAR,
    origin VARCHAR,
    text VARCHAR NOT NULL,
    meta JSON,
    story_id VARCHAR NOT NULL,
    similarity DOUBLE,
    minhash UINTEGER[]
);

CREATE TABLE article_bands (
    band_hash UBIGINT NOT NULL,
    article_id VARCHAR NOT NULL
);

CREATE TABLE actors (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    code VARCHAR,
    sector VARCHAR,
    kind VARCHAR NOT NULL,
    name VARCHAR,
    office VARCHAR,
    entity INTEGER,
    head INTEGER,
    produced_by VARCHAR,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE places (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    name VARCHAR,
    country VARCHAR,
    admin1 VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    feature VARCHAR,
    geonameid BIGINT,
    produced_by VARCHAR,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE times (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    value DATE,
    precision VARCHAR,
    end_value DATE,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE quotes (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    cue VARCHAR,
    speaker STRUCT(
        char_start INTEGER, char_end INTEGER, text VARCHAR, code VARCHAR, sector VARCHAR,
        kind VARCHAR, name VARCHAR, office VARCHAR, entity INTEGER, head INTEGER,
        produced_by VARCHAR
    ),
    speaker_text VARCHAR,
    channel VARCHAR,
    produced_by VARCHAR,
    PRIMARY KEY (article_id, idx)
);

-- One row per event as coded in one article: the evidence for a merged event.
CREATE TABLE event_mentions (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    id VARCHAR NOT NULL,
    event_id VARCHAR,
    merge_key VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    context VARCHAR[],
    cameo VARCHAR,
    actor STRUCT(
        char_start INTEGER, char_end INTEGER, text VARCHAR, code VARCHAR, sector VARCHAR,
        kind VARCHAR, name VARCHAR, office VARCHAR, entity INTEGER, head INTEGER,
        produced_by VARCHAR
    )[],
    recipient STRUCT(
        char_start INTEGER, char_end INTEGER, text VARCHAR, code VARCHAR, sector VARCHAR,
        kind VARCHAR, name VARCHAR, office VARCHAR, entity INTEGER, head INTEGER,
        produced_by VARCHAR
    )[],
    actor_codes VARCHAR[],
    recipient_codes VARCHAR[],
    date VARCHAR,
    date_start DATE,
    date_precision VARCHAR,
    time_status VARCHAR NOT NULL,
    location STRUCT(
        char_start INTEGER, char_end INTEGER, text VARCHAR, name VARCHAR, country VARCHAR,
        admin1 VARCHAR, lat DOUBLE, lon DOUBLE, feature VARCHAR, geonameid BIGINT,
        produced_by VARCHAR
    ),
    quad_code TINYINT,
    score DOUBLE,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    trigger VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    confidence DOUBLE,
    produced_by VARCHAR,
    is_root BOOLEAN NOT NULL,
    PRIMARY KEY (article_id, idx)
);

-- One row per real-world event: the mentions that share type, participants, place and date.
CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    merge_key VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    context VARCHAR[],
    cameo VARCHAR,
    quad_code TINYINT,
    score DOUBLE,
    actor STRUCT(code VARCHAR, sector VARCHAR, name VARCHAR)[],
    recipient STRUCT(code VARCHAR, sector VARCHAR, name VARCHAR)[],
    actor_codes VARCHAR[],
    recipient_codes VARCHAR[],
    date VARCHAR,
    date_start DATE,
    date_precision VARCHAR,
    time_status VARCHAR,
    location STRUCT(
        name VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE,
        feature VARCHAR, geonameid BIGINT
    ),
    num_mentions INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    num_stories INTEGER NOT NULL,
    first_seen DATE,
    last_seen DATE,
    is_root BOOLEAN NOT NULL
);

CREATE TABLE failures (
    id VARCHAR PRIMARY KEY,
    run_id VARCHAR,
    article_id VARCHAR,
    idx INTEGER,
    origin VARCHAR,
    stage VARCHAR NOT NULL,
    error_type VARCHAR,
    message VARCHAR NOT NULL,
    raw VARCHAR,
    created_at TIMESTAMP NOT NULL
);
