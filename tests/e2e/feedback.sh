# feedback.sh - helpers that play the kiosk UI: answers go straight into the kiosk store's
# feedback outbox with SQL (the feedback screens are another module).
# add_answers STORE N PREFIX: N answers (faces, a choice, a comment every 10th) with keys PREFIX-000001...
add_answers() {
    local db="$1" n="$2" p="$3"
    {
        echo "BEGIN;"
        for i in $(seq 1 "$n"); do
            local k; k=$(printf '%s-%06d' "$p" "$i")
            local day=$(( (i % 20) + 1 ))
            local created; created=$(printf '2026-11-%02dT%02d:00' "$day" $(( 8 + i % 9 )))
            case $(( i % 10 )) in
                0) echo "INSERT INTO feedback (key, visit_id, created, context, language, kind, comment) VALUES ('$k', 'v$i', '$created', 'home', 'fi', 'comment', 'Kiitos, hyvä päivä ä ö, soita 040 123 4567, شكرا $i');" ;;
                5) echo "INSERT INTO feedback (key, visit_id, created, context, language, kind, question_id, question_version, options) VALUES ('$k', 'v$i', '$created', 'home', 'sv', 'choice', 'what-helped', 1, '[\"staff\",\"info\"]');" ;;
                *) echo "INSERT INTO feedback (key, visit_id, created, context, language, kind, face, suspect) VALUES ('$k', 'v$i', '$created', 'home', 'fi', 'face', $(( i % 4 + 1 )), $(( i % 7 == 0 )));" ;;
            esac
        done
        echo "COMMIT;"
    } | sql "$db" || fail "inserting answers"
}
