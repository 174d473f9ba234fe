// Word lists for the scale data set. Fictional people and places; any match is a coincidence.

export const FIRST_NAMES = [
  "Aaliyah", "Adam", "Aisha", "Alex", "Alice", "Amara", "Amelia", "Amir", "Ana", "Andrew", "Anna", "Arjun",
  "Ben", "Bethany", "Callum", "Caroline", "Charlotte", "Chloe", "Chris", "Ciaran", "Claire", "Daniel",
  "David", "Deepa", "Eleanor", "Elena", "Eliza", "Emeka", "Emily", "Emma", "Ethan", "Fatima", "Finn",
  "Florence", "Freya", "Gareth", "George", "Grace", "Hannah", "Harry", "Hassan", "Helen", "Isaac", "Isla",
  "Jack", "Jacob", "James", "Jasmine", "Jessica", "Joanna", "John", "Jordan", "Joseph", "Kate", "Kwame",
  "Laura", "Leah", "Leo", "Liam", "Lily", "Lucy", "Luis", "Maria", "Mark", "Martha", "Matthew", "Maya",
  "Mei", "Michael", "Mohammed", "Molly", "Nadia", "Naomi", "Nathan", "Niamh", "Noah", "Oliver", "Olivia",
  "Omar", "Owen", "Patrick", "Paul", "Priya", "Rachel", "Rahul", "Ravi", "Rebecca", "Rhys", "Rosa", "Ruth",
  "Ryan", "Sam", "Sarah", "Sean", "Siobhan", "Sofia", "Sophie", "Stephen", "Tariq", "Thomas", "Tom", "Yusuf",
  "Zainab", "Zara", "Zoe",
] as const;

export const LAST_NAMES = [
  "Adams", "Ahmed", "Ali", "Allen", "Anderson", "Bailey", "Baker", "Banerjee", "Barnes", "Bell", "Bennett",
  "Brennan", "Brown", "Byrne", "Campbell", "Carter", "Chen", "Clarke", "Collins", "Cooper", "Costa", "Cox",
  "Davies", "Dixon", "Doherty", "Edwards", "Evans", "Fernandes", "Fitzgerald", "Fletcher", "Foster", "Gallagher",
  "Garcia", "Gill", "Graham", "Green", "Griffiths", "Hall", "Harris", "Hughes", "Hussain", "Jackson", "James",
  "Jenkins", "Johnson", "Jones", "Kaur", "Kelly", "Kennedy", "Khan", "King", "Lee", "Lewis", "Lopez", "Mahmood",
  "Martin", "Mensah", "Miller", "Mitchell", "Moore", "Morgan", "Morris", "Murphy", "Murray", "Nguyen", "Novak",
  "O'Brien", "O'Connor", "Okafor", "Owen", "Parker", "Patel", "Phillips", "Price", "Quinn", "Rahman", "Reid",
  "Roberts", "Robinson", "Rossi", "Ryan", "Santos", "Scott", "Shah", "Sharma", "Silva", "Singh", "Smith",
  "Stewart", "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Walsh", "Ward", "Watson", "White", "Williams",
  "Wilson", "Wood", "Wright", "Young", "Zhang",
] as const;

export const CLINIC_PLACES = [
  "Northgate", "Harbourside", "Elm Park", "Castlefield", "Kingsmead", "Westbrook", "Millbank", "Ashford Road",
  "Queensway", "Old Town", "Canal Street", "St Anne's", "Parkhill", "Brookside", "Highfield", "Marina",
  "Greenlane", "Abbey Road", "Station Square", "Hillcrest",
] as const;

export const CLINIC_KINDS = ["Physio", "Physio & Sports Rehab", "Spine & Physio", "Physio & Chiropractic"] as const;
